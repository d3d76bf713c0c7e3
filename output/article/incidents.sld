<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.1.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" xmlns:se="http://www.opengis.net/se" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd">
<NamedLayer>
    <se:Name>incidents</se:Name>
    <UserStyle>
      <se:Name>incidents</se:Name>
      <se:FeatureTypeStyle>
        <se:Rule>
          <se:Name>Armed clash (2)</se:Name>
          <se:Description><se:Title>Armed clash (2)</se:Title></se:Description>
          <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>type</ogc:PropertyName><ogc:Literal>Armed clash</ogc:Literal></ogc:PropertyIsEqualTo><ogc:Not><ogc:Or><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>admin1</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>admin2</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>country</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>area</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Or></ogc:Not></ogc:And></ogc:Filter>
          <se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>circle</se:WellKnownName><se:Fill><se:SvgParameter name="fill">#0072B2</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name="stroke">#ffffff</se:SvgParameter><se:SvgParameter name="stroke-width">1</se:SvgParameter></se:Stroke></se:Mark><se:Size>13</se:Size><se:Rotation>0</se:Rotation></se:Graphic></se:PointSymbolizer>
        </se:Rule>
        <se:Rule>
          <se:Name>Armed clash (2), area</se:Name>
          <se:Description><se:Title>Armed clash (2), area</se:Title></se:Description>
          <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>type</ogc:PropertyName><ogc:Literal>Armed clash</ogc:Literal></ogc:PropertyIsEqualTo><ogc:Or><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>admin1</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>admin2</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>country</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>area</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Or></ogc:And></ogc:Filter>
          <se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>circle</se:WellKnownName><se:Fill><se:SvgParameter name="fill">#ffffff</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name="stroke">#0072B2</se:SvgParameter><se:SvgParameter name="stroke-width">2.2</se:SvgParameter></se:Stroke></se:Mark><se:Size>13</se:Size><se:Rotation>0</se:Rotation></se:Graphic></se:PointSymbolizer>
        </se:Rule>
        <se:Rule>
          <se:Name>Riot (2)</se:Name>
          <se:Description><se:Title>Riot (2)</se:Title></se:Description>
          <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>type</ogc:PropertyName><ogc:Literal>Riot</ogc:Literal></ogc:PropertyIsEqualTo><ogc:Not><ogc:Or><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>admin1</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>admin2</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>country</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>area</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Or></ogc:Not></ogc:And></ogc:Filter>
          <se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>square</se:WellKnownName><se:Fill><se:SvgParameter name="fill">#D55E00</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name="stroke">#ffffff</se:SvgParameter><se:SvgParameter name="stroke-width">1</se:SvgParameter></se:Stroke></se:Mark><se:Size>11.52</se:Size><se:Rotation>0</se:Rotation></se:Graphic></se:PointSymbolizer>
        </se:Rule>
        <se:Rule>
          <se:Name>Riot (2), area</se:Name>
          <se:Description><se:Title>Riot (2), area</se:Title></se:Description>
          <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>type</ogc:PropertyName><ogc:Literal>Riot</ogc:Literal></ogc:PropertyIsEqualTo><ogc:Or><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>admin1</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>admin2</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>country</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>incimap_precision</ogc:PropertyName><ogc:Literal>area</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Or></ogc:And></ogc:Filter>
          <se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>square</se:WellKnownName><se:Fill><se:SvgParameter name="fill">#ffffff</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name="stroke">#D55E00</se:SvgParameter><se:SvgParameter name="stroke-width">2.2</se:SvgParameter></se:Stroke></se:Mark><se:Size>11.52</se:Size><se:Rotation>0</se:Rotation></se:Graphic></se:PointSymbolizer>
        </se:Rule>
      </se:FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
